from ...xp import tensor_face
from ..tensorflow import TensorFlowTensor, bind

bind()
tensor_face(TensorFlowTensor)
