"""Pages of the journals app: the acts of a case (`acts`) and the department's journals
(`journals`)."""
