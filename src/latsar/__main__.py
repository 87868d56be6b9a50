from latsar.cli import run

run()
