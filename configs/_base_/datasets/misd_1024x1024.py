# MISD (227 images) as a FOCAL test set: data/forgery/MISD/{images,masks}.
_base_ = './forgery-test_1024x1024.py'
test_dataloader = dict(dataset=dict(data_prefix=dict(img_path='MISD/images',
                                                     seg_map_path='MISD/masks')))
