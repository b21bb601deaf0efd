"""Original demo works and the renderer that turns them into the formats readers have."""
