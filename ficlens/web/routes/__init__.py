"""The app's routes, one module per area: browsing, works and reading, downloads, JSON API."""
