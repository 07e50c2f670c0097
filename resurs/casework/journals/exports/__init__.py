"""Documents of the journals app: the printed act (`act`) and the journals (`journals`)."""
