# corpus: script
# The old style: a loop made with new_event_loop runs main with run_until_complete and is closed; a task left sleeping is counted as pending.
import asyncio


async def background():
    print("background starts")
    await asyncio.sleep(5)
    print("background never ends")


async def main():
    asyncio.create_task(background())
    await asyncio.sleep(2)
    print("main done")
    return 42


loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
result = loop.run_until_complete(main())
print("result", result)
loop.close()
