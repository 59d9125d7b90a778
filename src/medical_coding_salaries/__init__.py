"""What medical coding specialists earn in the USA: cleaning, analysis and report building."""

__version__ = "0.1.0"
