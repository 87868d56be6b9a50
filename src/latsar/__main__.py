from latsar.entry import run

run()
