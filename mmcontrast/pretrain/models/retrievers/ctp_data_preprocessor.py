# Copyright (c) mmcontrast contributors. All rights reserved.
"""Data preprocessor of CTP: image-text pairs, image-only and text-only batches."""
from mmpretrain.models.utils import ClsDataPreprocessor
from mmpretrain.registry import MODELS


@MODELS.register_module()
class CTPDataPreprocessor(ClsDataPreprocessor):
    """:class:`~mmpretrain.models.utils.ClsDataPreprocessor` that also takes
    text-only batches and names the images for mmpretrain's multimodal APIs.

    Batches with images (training, evaluation, image queries and galleries)
    are normalised exactly as by ``ClsDataPreprocessor``. A batch without
    ``inputs`` (captions only: a text query of
    ``TextToImageRetrievalInferencer``, the caption gallery of
    ``ImageToTextRetrievalInferencer``) passes its data samples through with
    ``inputs=None``. The output carries the images twice, as ``inputs`` (the
    model's :meth:`forward` argument) and ``images`` (the key mmpretrain's
    multimodal inferencers read, as from ``MultiModalDataPreprocessor``);
    ``CTPRetriever.forward`` accepts both.

    It is the default of ``CTPRetriever`` and the type the CTP model base
    names.
    """

    def forward(self, data: dict, training: bool = False) -> dict:
        """Normalise the images, if any.

        Args:
            data (dict): A collated batch: ``inputs`` (B, 3, H, W), optional,
                and ``data_samples``.
            training (bool): Whether batch augments apply. Defaults to False.

        Returns:
            dict: ``inputs`` and ``images`` (the same (B, 3, H, W) float
            tensor, or None) and ``data_samples``.
        """
        if data.get('inputs') is None:
            out = dict(inputs=None, data_samples=self.cast_data(data.get('data_samples')))
        else:
            out = super().forward(data, training)
        out['images'] = out['inputs']
        return out
