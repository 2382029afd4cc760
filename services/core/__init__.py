"""What every service stands on: the context, one transaction per action, errors, permissions,
opening the register, paths and files."""
