# NIST16 (564 images) as a FOCAL test set: data/forgery/NIST16/{images,masks}.
_base_ = './forgery-test_1024x1024.py'
test_dataloader = dict(dataset=dict(data_prefix=dict(img_path='NIST16/images',
                                                     seg_map_path='NIST16/masks')))
