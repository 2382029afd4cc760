"""The worker list (Peserta): a paged table model, its view, filters and the panel."""
