"""Pengaturan (administrators): the office settings by group, the emblem and logo, previews;
and the district set-up that a new register starts with."""
