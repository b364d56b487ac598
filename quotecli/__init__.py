"""quotecli."""
