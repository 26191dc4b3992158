"""Moving around: the navigation controller and the plain-Python back/forward history."""
