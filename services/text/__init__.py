"""Words, numbers and fonts the way clerks and official documents write them; pure functions."""
