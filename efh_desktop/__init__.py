"""EFH Desktop: chair, minute and export multi-agency extra-familial harm meetings."""

__version__ = "0.1.0"
APP_NAME = "EFH Desktop"
APP_ID = "uk.gov.efh-desktop"
