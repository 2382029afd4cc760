"""Office-wide settings, their catalogue, the district, the office's images and their
previews."""
