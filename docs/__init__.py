"""The user guide and the other documents, installed with the program as efh_desktop.docs so
Help → User guide can show them (see efh_desktop/gui/user_guide.py)."""
