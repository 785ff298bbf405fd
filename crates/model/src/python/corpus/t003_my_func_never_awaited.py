# corpus: script
# Tutorial 003's async my_func called without await: the call only makes a coroutine, nothing prints, and CPython warns it was never awaited.
# syntax : 
async def my_func():
    print("Hello World!")

my_func()   
