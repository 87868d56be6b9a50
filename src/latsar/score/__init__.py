"""Scoring and classical item analysis of answered quizzes (`latsar score`).

Stages, each a module:

- `table`: read a CSV or XLSX file into located rows (real csv/openpyxl readers, never split());
- `readers`: turn the rows of one input kind (latsar's answer template, Moodle's responses
  report, a Google Forms export, a scored 0/1 matrix) into answers per participant, or a
  rejected row with its reason;
- `scoring`: answers → 0/1 and chosen-option matrices over the plan's master items;
- `stats`: the classical test theory numbers, in numpy, on those matrices;
- `analysis`: numbers → categories, flags and a recommended action per item, per objective and
  per Bloom level, with the thresholds of `settings`;
- `results`, `export`, `feedback`, `report`: per-participant scores and gains, the CSV/XLSX
  files, the statistics written back beside the curriculum, and the content of the report PDF;
- `command`: `score_command`, the body of `latsar score`.

reportlab is never imported here: the report's layout lives in `latsar.render.pdf.score_report`.
"""
