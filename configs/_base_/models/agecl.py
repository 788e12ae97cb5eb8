# AgeCL's estimator without sizes: the last stage of a 4-stage ResNet, global pooling, then the
# age head (DEX regressor on the pooled feature + projector for the cosine and triplet terms,
# weights 1:1:1, margin 0.2, euclidean). A backbone base (agecl_resnet50,
# agecl_resnet18-cifar-tiny) sets the backbone type, depth and width, and the sizes.
model = dict(
    type='AgeEstimator',
    backbone=dict(num_stages=4, out_indices=(3, ), style='pytorch'),
    neck=dict(type='GlobalAveragePooling'),
    head=dict(
        type='AgeContrastHead',
        hidden_channels=512,
        embed_dim=128,
        min_age=0,
        reg_type='dex',  # option: 'linear'
        reg_input='feature',  # option: 'embedding'
        reg_weight=1.0,
        cos_weight=1.0,
        tri_weight=1.0,
        margin=0.2,
        distance='euclidean'))  # option: 'cosine'
