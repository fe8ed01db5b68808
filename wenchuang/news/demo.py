def create_demo(generator):
    return {}


def wipe_demo():
    pass
