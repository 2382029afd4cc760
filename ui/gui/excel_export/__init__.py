"""Exporting the worker list as shown (its filters) to Excel, from the Peserta section."""
