"""An exercise's picture as geometry: a jointed body given by joint angles, placed on its base.

Nothing here draws: the handout, the figure files and the terminal are shells that turn the
scene (`scene.py`) into ink, so every picture of one figure shows the same body.
"""
