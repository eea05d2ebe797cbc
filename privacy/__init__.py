"""Data rights: subject access exports, erasure that keeps aggregates true, and applicant retention."""
