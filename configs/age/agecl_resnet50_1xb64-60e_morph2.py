# Age (AgeCL) on MORPH-II, joint schedule: L = L_reg + 1.0*L_cos + 1.0*L_tri (age.md §3, §5).
# RECONSTRUCTION: no official code exists; every choice below is an mmcontrast option.
# Protocol: P1 = random 80/20 split BY IMAGE (identities leak across the split), seed 0 of 5
# (report mean +- std over seeds 0..4 by overriding `protocol_seed`); P2 (subject-exclusive)
# is `agecl_resnet50_1xb64-60e_morph2-p2.py`. Annotations from
# `tools/dataset_converters/morph2_to_json.py <csv> --root data/morph2 --protocol P1`, faces
# aligned offline by `tools/dataset_converters/align_faces.py` (MTCNN, 224x224, ~40% margin).
_base_ = ['../_base_/models/agecl_resnet50.py', '../_base_/datasets/morph2.py',
          'mmpretrain::_base_/default_runtime.py', '../_base_/schedules/agecl_adamw-coslr-60e.py']
custom_imports = dict(imports=['mmcontrast.pretrain'], allow_failed_imports=False)

custom_hooks = [dict(type='AgeTripletEpochHook')]
default_hooks = dict(
    checkpoint=dict(type='CheckpointHook', interval=5, max_keep_ckpts=2, save_best='age/mae',
                    rule='less'))
