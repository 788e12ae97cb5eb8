# Copyright (c) mmcontrast contributors. All rights reserved.
from . import transforms  # noqa: F401
from .checked_custom_dataset import CheckedCustomDataset  # noqa: F401,E402
from .face_age_dataset import FaceAgeDataset  # noqa: F401,E402
from .age_triplet_dataset import (AgeTripletDataset, AgeTripletEpochHook,  # noqa: F401,E402
                                  age_triplet_collate)
from .subject_balanced_sampler import SubjectBalancedSampler  # noqa: F401,E402
