"""A participant's own pages: invitations, activities, claims, hours, consent and sharing."""
