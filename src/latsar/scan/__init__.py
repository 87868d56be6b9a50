"""Reading filled answer sheets (lembar jawaban) from scans and photos into `scans.csv`.

Data flows one way: files → page images (images.py) → registration by the corner markers
(register.py) → darkness sampled at the bubbles the sheet geometry names (sample.py) → pure
decisions on those numbers (decide.py) → one reading per page (page.py) → a batch with its
duplicates (batch.py) → scans.csv, flagged-sheet images and review.html (output.py).

Heavy libraries (numpy, OpenCV, pypdfium2, zxing-cpp) are imported inside the functions that use
them, so `latsar --help` never loads them.
"""
