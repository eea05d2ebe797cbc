"""Peer workforce: workers, pathway levels, competences, training, supervision, progression, wellbeing."""
