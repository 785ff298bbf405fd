# corpus: notebook
# In a notebook, a task created and not awaited keeps running after the cell's own code ends: its last print comes 2 s later.
import asyncio


async def reminder(text, seconds):
    await asyncio.sleep(seconds)
    print("reminder:", text)


task = asyncio.create_task(reminder("take the cake out", 2))
await asyncio.sleep(0.5)
print("cell code finished, task done?", task.done())
