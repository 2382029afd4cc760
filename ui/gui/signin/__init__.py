"""Start-up dialogs: the first administrator, signing in, and choosing a new password."""
