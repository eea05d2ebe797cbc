"""Involvement: the register, co-production activities, consultations, "you said, we did", payments."""
