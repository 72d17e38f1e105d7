"""Movement components: the vocabulary that links exercises to the conditions they affect.

The safety rules never name exercises. An exercise lists the components it involves and a
condition lists the components it restricts, so a clinic's own exercise is checked by the same
rules as the built-in ones as soon as it declares its components honestly.
"""

from __future__ import annotations

from typing import Literal, get_args

Component = Literal[
    "passive-dorsiflexion",
    "weight-bearing-dorsiflexion",
    "dorsiflexion-below-neutral",
    "loaded-plantarflexion",
    "single-leg-stance",
    "hip-flexion-90",
    "neural-tension",
    "hamstring-lengthening",
    "spinal-load",
    "supine-lying",
    "partner-force",
    "weight-bearing-knee-flexion",
    # Version 2 of the clinical reference: for the new exercises and the corrected rules.
    "hamstring-loading",
    "deep-knee-flexion",
    "hip-adduction-internal-rotation",
    "floor-transfer",
    "impact",
    "prone-lying",
    "soft-tissue-compression",
    "eccentric-loading",
]

COMPONENTS: tuple[str, ...] = get_args(Component)

COMPONENT_DESCRIPTIONS: dict[str, str] = {
    "passive-dorsiflexion": "the ankle is drawn up into a stretch by a partner, strap or towel",
    "weight-bearing-dorsiflexion": (
        "the ankle is bent up to the end of its range while standing on it"
    ),
    "dorsiflexion-below-neutral": "the heel drops under load below the level of the forefoot",
    "loaded-plantarflexion": "rising onto the toes against body weight or extra load",
    "single-leg-stance": "balancing on one leg",
    "hip-flexion-90": "the hip bends to 90 degrees or further",
    "neural-tension": "a straight-leg-raise position that puts the sciatic nerve under tension",
    "hamstring-lengthening": "the hamstrings are stretched",
    "spinal-load": "load through the spine or pelvis with the hips bent",
    "supine-lying": "lying on the back",
    "partner-force": "another person applies the force, so the patient cannot grade it directly",
    "weight-bearing-knee-flexion": "the knee bends while the leg carries body weight",
    "hamstring-loading": "the hamstrings work against load (bridges, Nordic curls, deadlifts)",
    "deep-knee-flexion": "the knee bends past 90 degrees under load",
    "hip-adduction-internal-rotation": "the hip crosses the midline or turns inwards",
    "floor-transfer": "getting down to the floor and back up",
    "impact": "hops, jumps or running",
    "prone-lying": "lying on the front",
    "soft-tissue-compression": "pressure on the muscle from a foam roller or ball",
    "eccentric-loading": "the muscle lengthens under load (lowering slowly)",
}
