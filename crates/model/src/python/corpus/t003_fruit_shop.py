# corpus: notebook
# Tutorial 003's fruit shop cell: fruit awaits two helpers in turn and a top-level await inside an f-string prints their result, with no time passing.
# loop = asyncio.get_event_loop()
async def fruit():
    print('inside fruit shop')
    
    print('waiting for water')
    water = await wait_for_water()
    
    print('waiting for melon')
    water_melon = await wait_for_melon(water)
    
    return water_melon

async def wait_for_water():
    print('fetch water')
    return 'water'

async def wait_for_melon(a):
    print('fetch melon')
    return a + ' melon'


# if __name__ == '__main__':
print(f'fruit name : {await fruit()}')
