# FOCAL v2's training loss (TDSC 2025) AS RECONSTRUCTED by the method spec ("sclrecon": the paper's
# Eqs. 1-9 are unavailable, see FOCALSoftContrastLoss). No model here: a FOCAL v2 training config
# (configs/focal/focal-v2-sclrecon-hdbscan_*) inherits its v1 config and this file, and puts
# `sclrecon_contrast` in place of the v1 contrast loss.
sclrecon_contrast = dict(type='FOCALSoftContrastLoss', features='dense', temperature=0.1,
                         dict_size=1000, weight_temperature=0.1)
