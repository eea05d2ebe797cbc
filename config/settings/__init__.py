"""Settings per environment: base, local (the default), production and test."""
