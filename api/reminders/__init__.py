"""REST endpoints for a person's own reminders and how they like to receive them."""
