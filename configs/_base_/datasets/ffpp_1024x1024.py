# FF++ (1000 images) as a FOCAL test set: data/forgery/FF++/{images,masks}.
_base_ = './forgery-test_1024x1024.py'
test_dataloader = dict(dataset=dict(data_prefix=dict(img_path='FF++/images',
                                                     seg_map_path='FF++/masks')))
