"""Forms of the Index pages, one module per area. They only parse input; rules live in the services."""
