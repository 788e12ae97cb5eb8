# CASIAv1 (920 images) as a FOCAL test set: data/forgery/CASIAv1/{images,masks}.
_base_ = './forgery-test_1024x1024.py'
test_dataloader = dict(dataset=dict(data_prefix=dict(img_path='CASIAv1/images',
                                                     seg_map_path='CASIAv1/masks')))
