"""The REST layer for data rights: subject access exports and erasure."""
