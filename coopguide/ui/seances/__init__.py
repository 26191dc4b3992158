"""Training séances: the « Séance » actions, presentation mode, preparing a séance, the séance log."""
