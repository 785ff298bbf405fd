# corpus: script
# Timing with datetime.now(): the difference, its total_seconds() and a formatted time are clock values, printed masked (2 s).
import asyncio
from datetime import datetime


async def main():
    started = datetime.now()
    print("started at", started)
    await asyncio.sleep(2)
    delta = datetime.now() - started
    print("elapsed", delta)
    print(f"elapsed seconds {delta.total_seconds():.1f}")
    print("finished at", datetime.now().strftime("%H:%M:%S"))


asyncio.run(main())
