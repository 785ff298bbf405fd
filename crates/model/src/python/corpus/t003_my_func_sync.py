# corpus: script
# Tutorial 003's first function: a plain def called directly prints Hello World! at once.
def my_func():
    print("Hello World!")
my_func()   
