# Copyright (c) mmcontrast contributors. All rights reserved.
from .age_visualization_hook import AgeVisualizationHook
from .ctp_task_start_hook import CTPTaskStartHook

__all__ = ['AgeVisualizationHook', 'CTPTaskStartHook']
