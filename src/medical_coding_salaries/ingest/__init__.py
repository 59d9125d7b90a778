"""Files in, validated frames out: the article's raw tables and manifest, the official reference statistics, CPI."""
