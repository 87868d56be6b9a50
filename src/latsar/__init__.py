"""latsar: Latsar-style training modules and multiple-choice quizzes from a YAML curriculum."""

__version__ = "0.1.0"
