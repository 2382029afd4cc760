"""Jejak audit: who changed or saw what, when and from which computer."""
