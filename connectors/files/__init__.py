"""Files analysts export from the tools they already use: PM time-use surveys (Google Forms,
Typeform, SurveyMonkey, Qualtrics, generic CSV/XLSX), launch checklists (CSV/XLSX, YAML,
Markdown `- [x]` documents, Kubernetes KEPs) and outcome metrics.

Each reader takes the file's bytes (and its options) and returns a frame of text cells with
the row number every cell came from, plus what it found (format, encoding, delimiter). A file
that cannot be read at all raises `FileRefusedError` naming the file, the line and what to do.
Nothing here knows the warehouse, the environment or the rest of the project.
"""
