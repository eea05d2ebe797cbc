"""REST endpoints for involvement: register, activities, consultations, feedback, payments."""
