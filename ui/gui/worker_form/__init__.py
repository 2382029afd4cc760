"""The worker form (Data peserta): tabs, inline checks, save with conflict handling."""
